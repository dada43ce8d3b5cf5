OK_FORMAT = True

test = {   'name': 'q5',
    'points': 6,
    'suites': [   {   'cases': [   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> assert isinstance(q5_source, str) and q5_source in set(_cl.load('sources')['source_id']) and isinstance(q5_percent, (int, float)) and (not "
                                               'isinstance(q5_percent, bool))\n',
                                       'failure_message': '`q5_source` should be a `source_id` of the table (text), and `q5_percent` a number.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> _ok = bool(isinstance(q5_source, str) and q5_source in set(_cl.load('sources')['source_id']) and isinstance(q5_percent, (int, float)) and (not "
                                               'isinstance(q5_percent, bool)))\n'
                                               '>>> assert not _ok or 1 < q5_percent <= 100\n',
                                       'failure_message': 'A percentage runs from 0 to 100: a share of 0.5 is 50 percent.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> _ok = bool(isinstance(q5_source, str) and q5_source in set(_cl.load('sources')['source_id']) and isinstance(q5_percent, (int, float)) and (not "
                                               'isinstance(q5_percent, bool)))\n'
                                               '>>> assert not _ok or (isinstance(q5_sentence, str) and len(q5_sentence.split()) >= 6 and (q5_source in q5_sentence) and (str(q5_percent) in '
                                               "q5_sentence or f'{q5_percent:.1f}' in q5_sentence))\n",
                                       'failure_message': "`q5_sentence` should be a sentence (text of several words) that names the source's `source_id` and gives the percentage as written in "
                                                          '`q5_percent`.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q5_percent, 'q5') != 'b932095f4e07'\n",
                                       'failure_message': 'The share should be of the events from 2003 on, not of the whole table: both the count and the total must come from that period.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q5_percent, 'q5') != '259d89d5d0ac'\n",
                                       'failure_message': "Check where your period starts: events of 2002 are not 'from 2003 on'.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q5_percent, 'q5') != '55a42b83373a'\n",
                                       'failure_message': 'Round to the nearest tenth: cutting the digits off is not rounding.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
