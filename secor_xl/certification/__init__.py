"""The road to the certificate: eligibility, the certificate cycle, the incentive, statistics.

Pure functions over values already read from the workbook (dates are passed in;
no file, clock or Excel access). Figures come from the domain reference
(`shared/domain/secor_reference.yaml`), copied into `provinces` as data, each
with its source ids and confidence.
"""
