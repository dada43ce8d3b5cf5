OK_FORMAT = True

test = {   'name': 'q2',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q2_range_aug_2006, tuple) and len(q2_range_aug_2006) == 2 and all((isinstance(x, int) and (not isinstance(x, bool)) for x in '
                                               'q2_range_aug_2006))\n',
                                       'failure_message': '`q2_range_aug_2006` should be a tuple of two whole numbers, `(at_least, at_most)`.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> _ok = bool(isinstance(q2_range_aug_2006, tuple) and len(q2_range_aug_2006) == 2 and all((isinstance(x, int) and (not isinstance(x, bool)) for x in '
                                               'q2_range_aug_2006)))\n'
                                               '>>> assert not _ok or (isinstance(q2_range_aug_2006, tuple) and q2_range_aug_2006[0] <= q2_range_aug_2006[1])\n',
                                       'failure_message': "'At least' cannot be more than 'at most': the smaller number comes first.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q2_range_aug_2006, 'q2') != '85b4b2310e42'\n",
                                       'failure_message': "One state's status is uncertain on that day: its change is known only to the month, so on 15 August it may or may not have happened. 'At "
                                                          "least' leaves it out.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q2_range_aug_2006, 'q2') != '5952f18ca8d5'\n",
                                       'failure_message': "'At most' should include the state whose status is uncertain: it may already be back.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
