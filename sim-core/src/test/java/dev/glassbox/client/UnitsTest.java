package dev.glassbox.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|Less than a second",
        "999|Less than a second",
        "-5000|Less than a second",
        "1000|1 second",
        "1999|1 second",
        "2000|2 seconds",
        "59999|59 seconds",
        "60000|About a minute",
        "119999|About a minute",
        "120000|2 minutes",
        "3599000|59 minutes",
        "3600000|About an hour",
        "5399000|About an hour",
        "5400000|2 hours",
        "169000000|47 hours",
        "171000000|2 days",
        "172800000|2 days",
        "1207000000|13 days",
        "1209600000|2 weeks",
        "5180000000|8 weeks",
        "5184000000|2 months",
        "63000000000|24 months",
        "63071999000|1 years",
        "63072000000|2 years",
        "315360000000|10 years"})
    void humanDurationMatchesGoUnits(long millis, String expected) {
        assertEquals(expected, Units.humanDuration(millis));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0B",
        "999|999B",
        "1000|1kB",
        "1100|1.1kB",
        "4260000|4.26MB",
        "4264960|4.26MB",
        "192000000|192MB",
        "192400000|192MB",
        "77900000|77.9MB",
        "77860000|77.9MB",
        "999999|1e+03kB",
        "1500000000|1.5GB",
        "5|5B"})
    void humanSizeWithPrecisionMatchesGoUnits(long size, String expected) {
        assertEquals(expected, Units.humanSize(size, 3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0B",
        "1024|1KiB",
        "2621440|2.5MiB",
        "8160437862|7.6GiB",
        "1073741824|1GiB",
        "123456789|117.7MiB"})
    void bytesSizeUsesBinaryUnitsAndFourDigits(long size, String expected) {
        assertEquals(expected, Units.bytesSize(size));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "100|100",
        "1b|1",
        "1k|1024",
        "1KiB|1024",
        "1kb|1024",
        "512m|536870912",
        "1.5g|1610612736",
        "1 g|1073741824",
        "2T|2199023255552"})
    void ramInBytes(String text, long expected) {
        assertEquals(expected, Units.ramInBytes(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|invalid size: 'abc'",
        "''|invalid size: ''",
        "-1|invalid size: '-1'",
        "1x|invalid suffix: 'x'",
        "1X|invalid suffix: 'x'",
        "1gbb|invalid suffix: 'gbb'",
        "1mibs|invalid suffix: 'mibs'",
        "1.2.3|strconv.ParseFloat: parsing \"1.2.3\": invalid syntax"})
    void ramInBytesErrors(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Units.ramInBytes(text));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1|1000000000",
        "0.5|500000000",
        "1.25|1250000000",
        "3/2|1500000000",
        "0.000000001|1"})
    void nanoCpus(String text, long expected) {
        assertEquals(expected, Units.nanoCpus(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "abc|failed to parse abc as a rational number",
        "0.0000000001|value is too precise",
        "1/3|value is too precise"})
    void nanoCpusErrors(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Units.nanoCpus(text)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10|10", "-1|-1", "0x10|16", "010|8", "0b11|3", "+7|7"})
    void parseIntLikeStrconvWithBaseZero(String text, long expected) {
        assertEquals(expected, Units.parseInt(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x|strconv.ParseInt: parsing \"x\": invalid syntax",
        "''|strconv.ParseInt: parsing \"\": invalid syntax",
        "99999999999999999999|strconv.ParseInt: parsing \"99999999999999999999\": value out of range",
        "1.5|strconv.ParseInt: parsing \"1.5\": invalid syntax"})
    void parseIntErrors(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Units.parseInt(text)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.4|3|192", "0.000012345|3|1.23e-05", "123456|3|1.23e+05", "1.5|3|1.5", "2.125|3|2.12", "100|4|100"})
    void formatGLikeGo(double v, int precision, String expected) {
        assertEquals(expected, Units.formatG(v, precision));
    }
}
