OK_FORMAT = True

test = {   'name': 'q1',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q1_founders, list) and all((isinstance(c, str) for c in q1_founders))\n',
                                       'failure_message': '`q1_founders` should be a list of strings: `sorted(...)` of a column gives one.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> assert q1_founders == sorted(q1_founders) and all((len(c) == 3 and c.isupper() for c in q1_founders))\n',
                                       'failure_message': "Use the three-letter `iso3` codes (such as 'RUS'), in alphabetical order.",
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
