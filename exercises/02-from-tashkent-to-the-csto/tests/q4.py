OK_FORMAT = True

test = {   'name': 'q4',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q4_march_2007, int) and (not isinstance(q4_march_2007, bool))\n',
                                       'failure_message': '`q4_march_2007` should be a whole number: wrap your count in `int(...)`.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> import course_lib as _cl\n>>> assert 0 < q4_march_2007 < len(_cl.load('events'))\n",
                                       'failure_message': 'There is at least one such event, and certainly not all of them.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
