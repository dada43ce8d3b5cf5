OK_FORMAT = True

test = {   'name': 'q4',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> assert isinstance(q4_precision_only, list) and all((isinstance(x, str) for x in q4_precision_only)) and (q4_precision_only == '
                                               'sorted(q4_precision_only))\n',
                                       'failure_message': '`q4_precision_only` should be a sorted list of topics (text).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q4_precision_only, 'q4') != 'd9dfa956b3ce'\n",
                                       'failure_message': 'Some topics give different date texts that fit together: a month inside the year another source gives is a finer date, not a contradiction.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q4_precision_only, 'q4') != 'a26702b8183d'\n",
                                       'failure_message': 'Keep only topics whose claims give different date texts: where every source writes the same date there is no difference to explain.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q4_precision_only, 'q4') != 'ae6f9b11db98'\n",
                                       'failure_message': 'Some of your topics mix dates with other kinds of value: their claims are about different things (a plan, a force that exists), so keep '
                                                          'only topics whose every value is a date.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
