OK_FORMAT = True

test = {   'name': 'q4',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q4_categories, _pd.Series) and len(q4_categories) > 0\n',
                                       'failure_message': '`q4_categories` should be a pandas Series (categories as its index, counts as its values).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import pandas as _pd\n'
                                               '>>> _ok = bool(isinstance(q4_categories, _pd.Series) and len(q4_categories) > 0)\n'
                                               '>>> assert not _ok or list(q4_categories.values) == sorted(q4_categories.values, reverse=True)\n',
                                       'failure_message': 'The counts should run from the most frequent category to the least.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import pandas as _pd\n'
                                               '>>> import pandas as _pd\n'
                                               '>>> _ok = bool(isinstance(q4_categories, _pd.Series) and len(q4_categories) > 0)\n'
                                               '>>> assert not _ok or (isinstance(q4_categories, _pd.Series) and [str(k) for k in q4_categories.index] == [str(k) for k, _ in '
                                               'sorted(q4_categories.items(), key=lambda kv: (-kv[1], str(kv[0])))])\n',
                                       'failure_message': 'Categories with the same count are not in alphabetical order: a tie needs its own rule, applied on purpose.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q4_categories, 'q4') != '4ec8daa6070d'\n",
                                       'failure_message': 'Your counts include events before 2003: keep only those whose first possible day is in 2003 or later.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q4_categories, 'q4') != '54443fa20375'\n",
                                       'failure_message': "Check where your period starts: events of 2002 are not 'in 2003 or later'.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
