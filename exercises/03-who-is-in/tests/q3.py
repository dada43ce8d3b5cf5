OK_FORMAT = True

test = {   'name': 'q3',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q3_uncertain, list) and all((isinstance(c, str) for c in q3_uncertain))\n',
                                       'failure_message': '`q3_uncertain` should be a list of iso3 strings.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> assert q3_uncertain == sorted(q3_uncertain) and len(q3_uncertain) > 0\n',
                                       'failure_message': 'The list should be sorted, and it is not empty on that date.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
