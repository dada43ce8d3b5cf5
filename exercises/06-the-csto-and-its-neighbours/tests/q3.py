OK_FORMAT = True

test = {   'name': 'q3',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q3_never_parties, list) and q3_never_parties and all((isinstance(x, str) for x in q3_never_parties)) and (q3_never_parties == '
                                               'sorted(q3_never_parties))\n',
                                       'failure_message': '`q3_never_parties` should be a sorted list of ISO codes (text).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q3_never_parties, 'q3') != '881cdc863385'\n",
                                       'failure_message': "A state that withdrew, or suspended its membership, was a party once: 'never' means no spell at all.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q3_never_parties, 'q3') != 'fd9347e26a05'\n",
                                       'failure_message': "One `countries` cell can name several states, separated by ';': the list should hold one state per element.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
