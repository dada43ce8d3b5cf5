OK_FORMAT = True

test = {   'name': 'q4',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q4_spells, _pd.Series)\n',
                                       'failure_message': '`q4_spells` should be a pandas Series (`groupby(...).size()` or `value_counts()` give one).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> assert list(q4_spells.values) == sorted(q4_spells.values, reverse=True)\n',
                                       'failure_message': 'Sort from the most spells to the fewest.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
