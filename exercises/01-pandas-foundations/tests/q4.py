OK_FORMAT = True

test = {   'name': 'q4',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q4_people_per_org, _pd.Series)\n',
                                       'failure_message': '`q4_people_per_org` should be a pandas Series, one value per organisation.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import pandas as _pd\n'
                                               '>>> import course_lib as _cl\n'
                                               ">>> _p = _cl.load('people')\n"
                                               '>>> _ok = bool(isinstance(q4_people_per_org, _pd.Series))\n'
                                               ">>> assert not _ok or set(q4_people_per_org.index) == set(_p['organisation'].dropna())\n",
                                       'failure_message': 'The index should be the organisations, each once: group by the `organisation` column.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import pandas as _pd\n'
                                               '>>> import course_lib as _cl\n'
                                               ">>> _p = _cl.load('people')\n"
                                               '>>> _ok = bool(isinstance(q4_people_per_org, _pd.Series))\n'
                                               '>>> assert not _ok or int(q4_people_per_org.sum()) < len(_p)\n',
                                       'failure_message': 'You counted rows: a person named twice in one organisation is still one person. Count the different names in each group.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
