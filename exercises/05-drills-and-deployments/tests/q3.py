OK_FORMAT = True

test = {   'name': 'q3',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q3_participants, _pd.Series)\n',
                                       'failure_message': "`q3_participants` should be a pandas Series (`groupby('name').size()` gives one).",
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> import course_lib as _cl\n>>> assert set(q3_participants.index) <= set(_cl.load('drills')['name'])\n",
                                       'failure_message': 'The index should be drill **names** (the `name` column of `drills`), not ids: join the two tables.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
