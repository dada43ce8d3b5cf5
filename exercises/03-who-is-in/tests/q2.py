OK_FORMAT = True

test = {   'name': 'q2',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q2_members_2010, int) and (not isinstance(q2_members_2010, bool))\n',
                                       'failure_message': '`q2_members_2010` should be a whole number: wrap the count in `int(...)`.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> import course_lib as _cl\n>>> assert 0 < q2_members_2010 <= len(_cl.members_on('2010-01-01'))\n",
                                       'failure_message': 'The count should be between 1 and the number of rows `cl.members_on` returns.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
