OK_FORMAT = True

test = {   'name': 'q2',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q2_disputed, list) and all((isinstance(t, str) for t in q2_disputed))\n',
                                       'failure_message': '`q2_disputed` should be a list of topic names (strings: convert with `str`).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> import course_lib as _cl\n>>> assert q2_disputed == sorted(q2_disputed) and set(q2_disputed) <= set(_cl.load('claims')['topic'].astype(str))\n",
                                       'failure_message': 'Sorted, and only topics from the `topic` column.',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
