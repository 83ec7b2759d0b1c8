package cn.fucai.cms.figure;

/** Shape of a reporting period; constants are spelled as on the wire and in the database. */
public enum Granularity {
    MONTH,
    QUARTER,
    YEAR,
    YEAR_TO_DATE,
    CUSTOM
}
