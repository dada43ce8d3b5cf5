OK_FORMAT = True

test = {   'name': 'q3',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q3_uzbekistan, dict) and all((isinstance(v, int) for v in q3_uzbekistan.values()))\n',
                                       'failure_message': '`q3_uzbekistan` should be a dict whose values are whole numbers.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> import course_lib as _cl\n>>> assert set(q3_uzbekistan) == set(_cl.load('sources')['source_id'])\n",
                                       'failure_message': 'There should be one key per source: every `source_id` of `sources`.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
