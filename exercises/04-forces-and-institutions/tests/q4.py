OK_FORMAT = True

test = {   'name': 'q4',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q4_force_countries, _pd.DataFrame)\n',
                                       'failure_message': '`q4_force_countries` should be a DataFrame (the result of `merge`).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> assert list(q4_force_countries.columns) == ['figure_id', 'country', 'value', 'unit']\n",
                                       'failure_message': 'Keep exactly the columns figure_id, country, value and unit, in that order.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
