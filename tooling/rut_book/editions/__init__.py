"""The course's other editions, all generated from the book's notebooks (never kept by hand).

``python -m rut_book.editions learner`` writes the learner edition, ``student`` the student edition,
``assignments`` the autograded assignments and ``handouts`` the printable PDFs; the Makefile's ``lab``,
``student``, ``assignments`` and ``handouts`` targets call them. See the teacher's guide on the website.
"""
