OK_FORMAT = True

test = {   'name': 'q5',
    'points': 6,
    'suites': [   {   'cases': [   {   'code': '>>> assert all((isinstance(x, int) and (not isinstance(x, bool)) for x in (q5_checked, q5_agree)))\n',
                                       'failure_message': '`q5_checked` and `q5_agree` should be whole numbers (`int`s).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> _ok = bool(all((isinstance(x, int) and (not isinstance(x, bool)) for x in (q5_checked, q5_agree))))\n'
                                               '>>> assert not _ok or (isinstance(q5_agree, int) and isinstance(q5_checked, int) and (0 <= q5_agree <= q5_checked))\n',
                                       'failure_message': 'You cannot agree with more figures than you checked.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import re as _re\n'
                                               '>>> _ok = bool(all((isinstance(x, int) and (not isinstance(x, bool)) for x in (q5_checked, q5_agree))))\n'
                                               '>>> assert not _ok or (isinstance(q5_sentence, str) and len(q5_sentence.split()) >= 6 and (set(map(str, (q5_checked, q5_agree))) <= '
                                               "set(_re.findall('\\\\d+', q5_sentence))))\n",
                                       'failure_message': '`q5_sentence` should be a sentence (several words) that gives both numbers.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q5_checked, 'q5') != 'bc369af74578'\n",
                                       'failure_message': 'One of your figures counts the member states whose troops took part in an exercise, not the members: keep the membership figures.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q5_agree, 'q5') != 'b38be213df9d'\n",
                                       'failure_message': 'A frozen member is still a member, one that takes no part: it counts.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
