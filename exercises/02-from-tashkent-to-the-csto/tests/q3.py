OK_FORMAT = True

test = {   'name': 'q3',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q3_per_decade, _pd.Series)\n',
                                       'failure_message': '`q3_per_decade` should be a pandas Series (for example from `value_counts()` or `groupby(...).size()`).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> assert all((int(d) % 10 == 0 for d in q3_per_decade.index)) and list(q3_per_decade.index) == sorted(q3_per_decade.index)\n',
                                       'failure_message': 'The index should be decades such as 1990 or 2000, in increasing order: use `year // 10 * 10` and `sort_index()`.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
