OK_FORMAT = True

test = {   'name': 'q5',
    'points': 6,
    'suites': [   {   'cases': [   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> assert isinstance(q5_state, str) and q5_state in set(_cl.load('memberships')['country']) and isinstance(q5_days, int) and (not isinstance(q5_days, "
                                               'bool))\n',
                                       'failure_message': "`q5_state` should be a state's name (text) and `q5_days` a whole number.",
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               '>>> import course_lib as _cl\n'
                                               ">>> _d = _cl.members_on('2024-12-31').set_index('country')\n"
                                               ">>> _ok = bool(isinstance(q5_state, str) and q5_state in set(_cl.load('memberships')['country']) and isinstance(q5_days, int) and (not "
                                               'isinstance(q5_days, bool)))\n'
                                               ">>> assert not _ok or not bool(_d.loc[q5_state, 'counts_as_member'])\n",
                                       'failure_message': '`q5_state` should be one of the states that do not count as members on 31 December 2024.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> _ok = bool(isinstance(q5_state, str) and q5_state in set(_cl.load('memberships')['country']) and isinstance(q5_days, int) and (not "
                                               'isinstance(q5_days, bool)))\n'
                                               '>>> assert not _ok or (isinstance(q5_sentence, str) and len(q5_sentence.split()) >= 6 and (q5_state in q5_sentence) and (str(q5_days) in q5_sentence '
                                               "or f'{q5_days:,}' in q5_sentence))\n",
                                       'failure_message': '`q5_sentence` should be a sentence (several words) that names the state and gives the number of days as in `q5_days`.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q5_days, 'q5') != 'cab37edaf05c'\n",
                                       'failure_message': "That is the longest the spells could have lasted: 'at least' runs from the latest possible start to the earliest possible end.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q5_days, 'q5') != '2cf28d29e125'\n",
                                       'failure_message': 'A state can have several member spells: add them up.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q5_days, 'q5') != 'f27f7678d50c'\n",
                                       'failure_message': 'Your count is a few days over: measure each spell as end minus start, without adding a day for each.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
