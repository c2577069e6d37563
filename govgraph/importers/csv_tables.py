"""placeholder"""
CsvImport = None
import_csv_tables = None
