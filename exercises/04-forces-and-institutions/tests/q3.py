OK_FORMAT = True

test = {   'name': 'q3',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q3_by_state, _pd.Series) and len(q3_by_state) > 0\n',
                                       'failure_message': '`q3_by_state` should be a pandas Series (states as its index, counts as its values).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import pandas as _pd\n'
                                               '>>> import pandas as _pd\n'
                                               '>>> _ok = bool(isinstance(q3_by_state, _pd.Series) and len(q3_by_state) > 0)\n'
                                               '>>> assert not _ok or (isinstance(q3_by_state, _pd.Series) and list(q3_by_state.values) == sorted(q3_by_state.values, reverse=True))\n',
                                       'failure_message': 'The counts should run from the most figures to the fewest.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q3_by_state, 'q3') != '5db85e5fef8c'\n",
                                       'failure_message': "The index should hold the states' names, not their codes: join the codes to the `countries` table.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q3_by_state, 'q3') != '556f8d4e4599'\n",
                                       'failure_message': 'The states should run from the most figures to the fewest; the alphabet only breaks ties.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
