# Funding programs, participation, meetings and commitments arrive with their own issue.
