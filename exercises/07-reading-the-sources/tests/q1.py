OK_FORMAT = True

test = {   'name': 'q1',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q1_per_source, _pd.Series)\n',
                                       'failure_message': '`q1_per_source` should be a pandas Series.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> import course_lib as _cl\n>>> assert set(q1_per_source.index) <= set(_cl.load('sources')['source_id'])\n",
                                       'failure_message': 'The index should be `source_id`s (such as the ids in `sources`).',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
