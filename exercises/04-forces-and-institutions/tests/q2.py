OK_FORMAT = True

test = {   'name': 'q2',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q2_largest_personnel, float)\n',
                                       'failure_message': '`q2_largest_personnel` should be a float: wrap the value in `float(...)`.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> import course_lib as _cl\n>>> assert q2_largest_personnel in set(_cl.load('figures')['value'].astype(float))\n",
                                       'failure_message': 'Your number is not one of the `value`s in `figures`: take it from the table, not by hand.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
