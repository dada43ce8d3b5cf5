OK_FORMAT = True

test = {   'name': 'q2',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q2_with_kazakhstan, _pd.Series) and len(q2_with_kazakhstan) > 0\n',
                                       'failure_message': '`q2_with_kazakhstan` should be a pandas Series (codes as its index, counts as its values).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import pandas as _pd\n'
                                               '>>> import pandas as _pd\n'
                                               '>>> _ok = bool(isinstance(q2_with_kazakhstan, _pd.Series) and len(q2_with_kazakhstan) > 0)\n'
                                               '>>> assert not _ok or (isinstance(q2_with_kazakhstan, _pd.Series) and list(q2_with_kazakhstan.values) == sorted(q2_with_kazakhstan.values, '
                                               'reverse=True))\n',
                                       'failure_message': 'The counts should run from the most events to the fewest.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q2_with_kazakhstan, 'q2') != '285d6433d3db'\n",
                                       'failure_message': 'Kazakhstan is named in every one of these events: leave it out, the question asks for the others.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q2_with_kazakhstan, 'q2') != 'c9ebf61cb9ca'\n",
                                       'failure_message': "One `countries` cell can name several states, separated by ';': count each state on its own.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
