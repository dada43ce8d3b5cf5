OK_FORMAT = True

test = {   'name': 'q3',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q3_observer_names, list) and all((isinstance(c, str) for c in q3_observer_names))\n',
                                       'failure_message': '`q3_observer_names` should be a list of country names (strings).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> import course_lib as _cl\n>>> assert set(q3_observer_names) <= set(_cl.load('countries')['country']) and len(q3_observer_names) > 0\n",
                                       'failure_message': 'Use the names from the `country` column of `countries` (not codes), and the list is not empty.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
