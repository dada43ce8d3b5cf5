OK_FORMAT = True

test = {   'name': 'q1',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q1_topics_per_source, _pd.Series) and len(q1_topics_per_source) > 0\n',
                                       'failure_message': '`q1_topics_per_source` should be a pandas Series (sources as its index, numbers of topics as its values).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import pandas as _pd\n'
                                               '>>> import pandas as _pd\n'
                                               '>>> _ok = bool(isinstance(q1_topics_per_source, _pd.Series) and len(q1_topics_per_source) > 0)\n'
                                               '>>> assert not _ok or (isinstance(q1_topics_per_source, _pd.Series) and list(q1_topics_per_source.values) == sorted(q1_topics_per_source.values, '
                                               'reverse=True))\n',
                                       'failure_message': 'The numbers should run from the most topics to the fewest.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q1_topics_per_source, 'q1') != 'd27799911c9f'\n",
                                       'failure_message': 'These are numbers of claims: a source that makes several claims on one topic speaks on that topic once.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q1_topics_per_source, 'q1') != 'ed6cbf7c0bbd'\n",
                                       'failure_message': 'The sources should run from the most topics to the fewest; the alphabet only breaks ties.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
