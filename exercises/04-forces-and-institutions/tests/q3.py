OK_FORMAT = True

test = {   'name': 'q3',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q3_repeated, list) and all((isinstance(n, str) for n in q3_repeated))\n',
                                       'failure_message': '`q3_repeated` should be a list of names (strings).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> assert q3_repeated == sorted(set(q3_repeated)) and len(q3_repeated) > 0\n',
                                       'failure_message': 'Each name once, in alphabetical order (and the list is not empty).',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
