OK_FORMAT = True

test = {   'name': 'q1',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q1_never_party, list) and all((isinstance(c, str) for c in q1_never_party))\n',
                                       'failure_message': '`q1_never_party` should be a list of iso3 strings.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> import course_lib as _cl\n>>> assert q1_never_party == sorted(q1_never_party) and set(q1_never_party) <= set(_cl.load('countries')['iso3'])\n",
                                       'failure_message': 'Sorted, and only codes from the `countries` table.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
