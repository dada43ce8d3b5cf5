OK_FORMAT = True

test = {   'name': 'q2',
    'points': 3,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q2_csto_dated, _pd.DataFrame)\n',
                                       'failure_message': '`q2_csto_dated` should be a DataFrame, the rows of `people` that match.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import pandas as _pd\n'
                                               ">>> _ok = isinstance(q2_csto_dated, _pd.DataFrame) and {'organisation', 'as_of'} <= set(q2_csto_dated.columns)\n"
                                               '>>> assert not _ok or len(q2_csto_dated) > 0\n',
                                       'failure_message': '`q2_csto_dated` has no rows, but some rows of `people` match both conditions: check each condition on its own (the organisation written '
                                                          'exactly `"CSTO"`, and a date that is not missing).',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import pandas as _pd\n'
                                               ">>> _ok = isinstance(q2_csto_dated, _pd.DataFrame) and {'organisation', 'as_of'} <= set(q2_csto_dated.columns)\n"
                                               ">>> assert not _ok or set(q2_csto_dated['organisation']) <= {'CSTO'}\n",
                                       'failure_message': 'Some rows are officials of another organisation: both conditions must hold for a row to be kept (and, not or).',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import pandas as _pd\n'
                                               ">>> _ok = isinstance(q2_csto_dated, _pd.DataFrame) and {'organisation', 'as_of'} <= set(q2_csto_dated.columns)\n"
                                               ">>> assert not _ok or q2_csto_dated['as_of'].notna().all()\n",
                                       'failure_message': 'Some rows have no date: a missing value is not equal or unequal to anything, so test for it as missing.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
