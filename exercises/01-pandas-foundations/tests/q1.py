OK_FORMAT = True

test = {   'name': 'q1',
    'points': 2,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q1_role, str)\n',
                                       'failure_message': '`q1_role` should be one value, a string: you may have a whole row or a one-row column (a Series). Take the single cell.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> _p = _cl.load('people')\n"
                                               '>>> _ok = bool(isinstance(q1_role, str))\n'
                                               ">>> assert not _ok or (not isinstance(q1_role, str) or q1_role in set(_p['role']))\n",
                                       'failure_message': 'That is not one of the roles in the `role` column: take the value from the `role` column, as it is written.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> _p = _cl.load('people')\n"
                                               '>>> _ok = bool(isinstance(q1_role, str))\n'
                                               ">>> assert not _ok or (not isinstance(q1_role, str) or q1_role != _p['role'].iloc[21] or _p['role_id'].iloc[21] == 'P021')\n",
                                       'failure_message': "That is the role in the row at position 21 (counting from 0), which is another row: a row's label is not its position. Look the row up by "
                                                          'its id.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
