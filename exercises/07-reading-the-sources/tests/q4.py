OK_FORMAT = True

test = {   'name': 'q4',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q4_most_precise, str)\n',
                                       'failure_message': '`q4_most_precise` should be a string: one `source_id`.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> import course_lib as _cl\n>>> assert q4_most_precise in set(_cl.load('claims').loc[lambda d: d['topic'] == 'treaty_signed', 'source_id'])\n",
                                       'failure_message': "Choose among the sources that make a 'treaty_signed' claim.",
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
