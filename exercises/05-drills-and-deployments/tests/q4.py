OK_FORMAT = True

test = {   'name': 'q4',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q4_named_2024, _pd.Series) and len(q4_named_2024) > 0\n',
                                       'failure_message': '`q4_named_2024` should be a pandas Series (states as its index, counts as its values).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import pandas as _pd\n'
                                               '>>> import pandas as _pd\n'
                                               '>>> _ok = bool(isinstance(q4_named_2024, _pd.Series) and len(q4_named_2024) > 0)\n'
                                               '>>> assert not _ok or (isinstance(q4_named_2024, _pd.Series) and list(q4_named_2024.values) == sorted(q4_named_2024.values, reverse=True))\n',
                                       'failure_message': 'The counts should run from the most drills to the fewest.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import pandas as _pd\n'
                                               '>>> import pandas as _pd, course_lib as _cl\n'
                                               ">>> _e = _cl.members_on('2024-12-31')\n"
                                               '>>> _ok = bool(isinstance(q4_named_2024, _pd.Series) and len(q4_named_2024) > 0)\n'
                                               ">>> assert not _ok or (isinstance(q4_named_2024, _pd.Series) and set(map(str, q4_named_2024.index)) == set(_e.loc[_e['counts_as_member'], "
                                               "'country']))\n",
                                       'failure_message': 'A member missing: a state that no source names as a participant still belongs in the Series, with 0 (and a frozen member is a member).',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q4_named_2024, 'q4') != 'f7a4dbbfbcfc'\n",
                                       'failure_message': 'Only participants count: a state a source names as absent did not take part.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': '>>> import pandas as _pd\n'
                                               '>>> import pandas as _pd\n'
                                               '>>> _ok = bool(isinstance(q4_named_2024, _pd.Series) and len(q4_named_2024) > 0)\n'
                                               '>>> assert not _ok or (isinstance(q4_named_2024, _pd.Series) and [str(k) for k in q4_named_2024.index] == [str(k) for k, _ in '
                                               'sorted(q4_named_2024.items(), key=lambda kv: (-kv[1], str(kv[0])))])\n',
                                       'failure_message': 'States with the same count are not in alphabetical order: a tie needs its own rule, applied on purpose.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
