OK_FORMAT = True

test = {   'name': 'q2',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q2_observer_states, int) and (not isinstance(q2_observer_states, bool))\n',
                                       'failure_message': '`q2_observer_states` should be a whole number: wrap it in `int(...)`.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> import course_lib as _cl\n>>> assert 0 < q2_observer_states <= len(_cl.load('drill_parties'))\n",
                                       'failure_message': 'The number should be positive and at most the number of rows of `drill_parties`.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
