OK_FORMAT = True

test = {   'name': 'q1',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q1_treaty_events, _pd.DataFrame)\n',
                                       'failure_message': '`q1_treaty_events` should be a DataFrame (rows of `events`): did you replace the `...`?',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> assert set(q1_treaty_events['category'].astype(str)) == {'treaty'}\n",
                                       'failure_message': "Every row should have the category 'treaty' (and there should be at least one): check your filter.",
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
