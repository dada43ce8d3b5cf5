OK_FORMAT = True

test = {   'name': 'q1',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q1_meetings, list) and q1_meetings and all((isinstance(x, str) for x in q1_meetings))\n',
                                       'failure_message': "`q1_meetings` should be a list of event ids (text such as 'E001').",
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> _e = _cl.load('events').set_index('event_id')\n"
                                               '>>> _ok = bool(isinstance(q1_meetings, list) and q1_meetings and all((isinstance(x, str) for x in q1_meetings)))\n'
                                               ">>> assert not _ok or (len(set(q1_meetings)) == len(q1_meetings) and all((x in _e.index and _e.loc[x, 'category'] == 'meeting' for x in "
                                               'q1_meetings)))\n',
                                       'failure_message': "Every id in the list should be a meeting's, each once.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q1_meetings, 'q1') != '0dc5989ff477'\n",
                                       'failure_message': 'Two meetings share their first possible day, and they are in the wrong order: only the dates run from the most recent; the tie-breaker runs '
                                                          'its own way.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q1_meetings, 'q1') != 'fa1395e0bec5'\n",
                                       'failure_message': 'The list runs the wrong way: the most recent meeting should come first.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q1_meetings, 'q1') != '2a71110c2b5f'\n",
                                       'failure_message': 'A meeting is missing: every event of that category belongs in the list.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
