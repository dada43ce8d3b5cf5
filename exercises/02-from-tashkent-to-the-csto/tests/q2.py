OK_FORMAT = True

test = {   'name': 'q2',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q2_feb_2007, int) and (not isinstance(q2_feb_2007, bool))\n',
                                       'failure_message': '`q2_feb_2007` should be a whole number (an `int`).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               '>>> _ok = bool(isinstance(q2_feb_2007, int) and (not isinstance(q2_feb_2007, bool)))\n'
                                               ">>> assert not _ok or 0 <= q2_feb_2007 <= len(_cl.load('events'))\n",
                                       'failure_message': 'A count of events cannot be negative or larger than the table.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q2_feb_2007, 'q2') != '4ee2c47301b1'\n",
                                       'failure_message': 'You left out events that might have happened in February 2007 without certainly doing so: an event dated only to a year covers every day of '
                                                          'that year, February included. A date is a range, not its first day.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q2_feb_2007, 'q2') != '9cef13e53aac'\n",
                                       'failure_message': 'You counted the whole of 2007: an event known to a day or a month outside February cannot have happened in February.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
