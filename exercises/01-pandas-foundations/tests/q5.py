OK_FORMAT = True

test = {   'name': 'q5',
    'points': 6,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q5_names, list) and q5_names and all((isinstance(_x, str) for _x in q5_names)) and isinstance(q5_count, int) and (not '
                                               'isinstance(q5_count, bool)) and isinstance(q5_sentence, str)\n',
                                       'failure_message': '`q5_names` should be a non-empty list of drill names (strings), `q5_count` a whole number (a Python int) and `q5_sentence` a string.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               '>>> _ok = isinstance(q5_names, list) and q5_names and all((isinstance(_x, str) for _x in q5_names)) and isinstance(q5_count, int) and (not '
                                               'isinstance(q5_count, bool)) and isinstance(q5_sentence, str)\n'
                                               ">>> assert not _ok or set(q5_names) <= set(_cl.load('drills')['name'])\n",
                                       'failure_message': "Each entry of `q5_names` should be a drill's `name` as the `drills` table writes it (not its `drill_id`): join the parties to the drills to "
                                                          'get the names.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> _d = _cl.load('drills').set_index('name')\n"
                                               ">>> _p = _cl.load('drill_parties')\n"
                                               '>>> _ok = isinstance(q5_names, list) and q5_names and all((isinstance(_x, str) for _x in q5_names)) and isinstance(q5_count, int) and (not '
                                               'isinstance(q5_count, bool)) and isinstance(q5_sentence, str)\n'
                                               ">>> assert not _ok or all((int(((_p['drill_id'] == _d.loc[_n, 'drill_id']) & (_p['role'] == 'participant')).sum()) == q5_count for _n in q5_names))\n",
                                       'failure_message': 'Your count is not the number of participants of the drills you name: count only the parties whose role is participant, not the observers or '
                                                          'the absent.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> _p = _cl.load('drill_parties')\n"
                                               ">>> _c = _p[_p['role'] == 'participant'].groupby('drill_id').size()\n"
                                               '>>> _ok = isinstance(q5_names, list) and q5_names and all((isinstance(_x, str) for _x in q5_names)) and isinstance(q5_count, int) and (not '
                                               'isinstance(q5_count, bool)) and isinstance(q5_sentence, str)\n'
                                               '>>> assert not _ok or int(_c.max()) <= q5_count\n',
                                       'failure_message': 'Another drill had more participants: compare the counts of every drill, not only one.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> _d = _cl.load('drills').set_index('drill_id')\n"
                                               ">>> _p = _cl.load('drill_parties')\n"
                                               ">>> _c = _p[_p['role'] == 'participant'].groupby('drill_id').size()\n"
                                               '>>> _ok = isinstance(q5_names, list) and q5_names and all((isinstance(_x, str) for _x in q5_names)) and isinstance(q5_count, int) and (not '
                                               'isinstance(q5_count, bool)) and isinstance(q5_sentence, str)\n'
                                               ">>> assert not _ok or sorted((str(_d.loc[_i, 'name']) for _i in _c[_c == q5_count].index)) == q5_names\n",
                                       'failure_message': 'Another drill has just as many participants, a tie: keep every drill that reaches the highest count, in alphabetical order, not only the '
                                                          'first one found.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> _ok = isinstance(q5_names, list) and q5_names and all((isinstance(_x, str) for _x in q5_names)) and isinstance(q5_count, int) and (not '
                                               'isinstance(q5_count, bool)) and isinstance(q5_sentence, str)\n'
                                               '>>> assert not _ok or (all((_n in q5_sentence for _n in q5_names)) and str(q5_count) in q5_sentence and (len(q5_sentence.split()) >= 5))\n',
                                       'failure_message': 'Your sentence should name each drill in `q5_names` and give the number in digits, as a full sentence.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
