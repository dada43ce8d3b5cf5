OK_FORMAT = True

test = {   'name': 'q2',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q2_year_only, int) and (not isinstance(q2_year_only, bool))\n',
                                       'failure_message': '`q2_year_only` should be a whole number: wrap your count in `int(...)`.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> import course_lib as _cl\n>>> assert 0 <= q2_year_only <= len(_cl.load('events'))\n",
                                       'failure_message': 'A count of events cannot be negative or larger than the table.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
