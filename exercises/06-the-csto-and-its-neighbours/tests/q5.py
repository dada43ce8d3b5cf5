OK_FORMAT = True

test = {   'name': 'q5',
    'points': 6,
    'suites': [   {   'cases': [   {   'code': '>>> import course_lib as _cl\n'
                                               '>>> assert isinstance(q5_percent, (int, float)) and (not isinstance(q5_percent, bool)) and (1 < q5_percent <= 100) and isinstance(q5_not, str) and '
                                               "(q5_not in set(_cl.load('memberships')['country']))\n",
                                       'failure_message': "`q5_percent` should be a number from 0 to 100 (a percentage, not a share of 1) and `q5_not` a state's name (text).",
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               '>>> _ok = bool(isinstance(q5_percent, (int, float)) and (not isinstance(q5_percent, bool)) and (1 < q5_percent <= 100) and isinstance(q5_not, str) and '
                                               "(q5_not in set(_cl.load('memberships')['country'])))\n"
                                               ">>> assert not _ok or (isinstance(q5_not, str) and q5_not in {'Armenia', 'Belarus', 'Kazakhstan', 'Kyrgyzstan', 'Tajikistan', 'Uzbekistan'})\n",
                                       'failure_message': '`q5_not` should be one of the six states the article lists.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               '>>> _ok = bool(isinstance(q5_percent, (int, float)) and (not isinstance(q5_percent, bool)) and (1 < q5_percent <= 100) and isinstance(q5_not, str) and '
                                               "(q5_not in set(_cl.load('memberships')['country'])))\n"
                                               '>>> assert not _ok or (isinstance(q5_sentence, str) and len(q5_sentence.split()) >= 6 and isinstance(q5_not, str) and (q5_not in q5_sentence) and '
                                               "(str(q5_percent) in q5_sentence or f'{q5_percent:.1f}' in q5_sentence))\n",
                                       'failure_message': '`q5_sentence` should be a sentence (several words) that gives the percentage as written in `q5_percent` and names the state.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q5_percent, 'q5') != 'ee303bad65d7'\n",
                                       'failure_message': 'A frozen member is still a member, one that takes no part: it counts.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q5_percent, 'q5') != 'b26ebbcf49ef'\n",
                                       'failure_message': 'A suspended membership does not count as a member.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
