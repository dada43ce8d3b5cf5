OK_FORMAT = True

test = {   'name': 'q5',
    'points': 6,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q5_checked, int) and (not isinstance(q5_checked, bool)) and isinstance(q5_disagree, list) and all((isinstance(x, str) for x in '
                                               'q5_disagree))\n',
                                       'failure_message': "`q5_checked` should be a whole number (an `int`) and `q5_disagree` a list of claim ids (text such as 'C001').",
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> _c = _cl.load('claims').set_index('claim_id')\n"
                                               '>>> _ok = bool(isinstance(q5_checked, int) and (not isinstance(q5_checked, bool)) and isinstance(q5_disagree, list) and all((isinstance(x, str) for x '
                                               'in q5_disagree)))\n'
                                               '>>> assert not _ok or (isinstance(q5_disagree, list) and isinstance(q5_checked, int) and (len(q5_disagree) <= q5_checked) and all((x in _c.index and '
                                               "_c.loc[x, 'topic'] == 'uzbekistan_membership' and (str(_c.loc[x, 'as_of']) not in ('<NA>', 'nan', 'None')) for x in q5_disagree)))\n",
                                       'failure_message': 'Every id in `q5_disagree` should be a claim of the topic `uzbekistan_membership` that has an `as_of` date, and you cannot disagree with '
                                                          'more claims than you checked.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import re as _re\n'
                                               '>>> _ok = bool(isinstance(q5_checked, int) and (not isinstance(q5_checked, bool)) and isinstance(q5_disagree, list) and all((isinstance(x, str) for x '
                                               'in q5_disagree)))\n'
                                               '>>> assert not _ok or (isinstance(q5_sentence, str) and len(q5_sentence.split()) >= 6 and isinstance(q5_disagree, list) and all((x in q5_sentence for '
                                               "x in q5_disagree)) and (str(q5_checked) in _re.findall('\\\\d+', q5_sentence)))\n",
                                       'failure_message': '`q5_sentence` should be a sentence (several words) that gives the number checked and names every claim that disagrees.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q5_disagree, 'q5') != 'eeae9531f29a'\n",
                                       'failure_message': "A value that starts with 'member' and adds a remark in brackets still says Uzbekistan is a member.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q5_disagree, 'q5') != '04c2beda98fe'\n",
                                       'failure_message': 'A suspended membership does not count as a member.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q5_checked, 'q5') != '0c3b1bdb2e73'\n",
                                       'failure_message': 'A claim with no `as_of` cannot be compared with the data on a day: it is not among the claims checked.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
