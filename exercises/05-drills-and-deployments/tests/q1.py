OK_FORMAT = True

test = {   'name': 'q1',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q1_drills_2024, list) and all((isinstance(d, str) for d in q1_drills_2024))\n',
                                       'failure_message': '`q1_drills_2024` should be a list of `drill_id` strings.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> import course_lib as _cl\n>>> assert q1_drills_2024 == sorted(q1_drills_2024) and set(q1_drills_2024) <= set(_cl.load('drills')['drill_id'])\n",
                                       'failure_message': 'Sorted, and only `drill_id`s from the `drills` table.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
