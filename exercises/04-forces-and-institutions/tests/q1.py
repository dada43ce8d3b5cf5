OK_FORMAT = True

test = {   'name': 'q1',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q1_forces, _pd.DataFrame)\n',
                                       'failure_message': '`q1_forces` should be a DataFrame: rows of `figures`.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> assert set(q1_forces['category'].astype(str)) == {'force'}\n",
                                       'failure_message': "Every row should have the category 'force' (and there is at least one).",
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
