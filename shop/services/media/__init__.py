"""Uploaded and generated files: checking uploads and storing pictures and scans."""
