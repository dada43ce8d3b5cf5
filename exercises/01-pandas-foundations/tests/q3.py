OK_FORMAT = True

test = {   'name': 'q3',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q3_order, list) and all((isinstance(_x, str) for _x in q3_order))\n',
                                       'failure_message': '`q3_order` should be a Python list of event ids (strings), not a column or a table.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> _e = _cl.load('events')\n"
                                               ">>> _ids = set(_e.loc[_e['date_earliest'].dt.year == 2007, 'event_id'])\n"
                                               '>>> _ok = bool(isinstance(q3_order, list) and all((isinstance(_x, str) for _x in q3_order)))\n'
                                               '>>> assert not _ok or (len(q3_order) == len(set(q3_order)) and set(q3_order) == _ids)\n',
                                       'failure_message': 'The list should hold every event whose earliest possible date is in 2007, each once: check the year of `date_earliest`.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> _e = _cl.load('events').set_index('event_id')\n"
                                               '>>> _ok = bool(isinstance(q3_order, list) and all((isinstance(_x, str) for _x in q3_order)))\n'
                                               ">>> assert not _ok or (lambda _d: _d == sorted(_d))([_e.loc[_i, 'date_earliest'] for _i in q3_order])\n",
                                       'failure_message': 'The events are not in date order: sort by the earliest possible date, from the earliest to the latest.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import course_lib as _cl\n'
                                               ">>> _e = _cl.load('events').set_index('event_id')\n"
                                               '>>> _ok = bool(isinstance(q3_order, list) and all((isinstance(_x, str) for _x in q3_order)))\n'
                                               ">>> assert not _ok or (lambda _k: _k == sorted(_k))([(_e.loc[_i, 'date_earliest'], str(_e.loc[_i, 'title'])) for _i in q3_order])\n",
                                       'failure_message': 'Events on the same day are not in the order asked: a tie is broken on purpose with a second sort key, the title, in alphabetical order.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
