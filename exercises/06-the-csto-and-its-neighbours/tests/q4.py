OK_FORMAT = True

test = {   'name': 'q4',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q4_outsiders_in_events, int) and (not isinstance(q4_outsiders_in_events, bool))\n',
                                       'failure_message': '`q4_outsiders_in_events` should be a whole number.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> import course_lib as _cl\n>>> assert 0 <= q4_outsiders_in_events <= len(_cl.load('countries'))\n",
                                       'failure_message': 'It cannot be more than the number of states in `countries`.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
