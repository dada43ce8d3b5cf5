OK_FORMAT = True

test = {   'name': 'q2',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q2_mentions, _pd.Series)\n',
                                       'failure_message': '`q2_mentions` should be a pandas Series (`value_counts()` gives one).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> assert all((isinstance(k, str) and ';' not in k for k in q2_mentions.index))\n",
                                       'failure_message': "Each index entry should be one code: split the `countries` strings on ';' and explode them.",
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
