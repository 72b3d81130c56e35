#include <catch2/catch.hpp>

#include <string>

#include "article/DateParser.h"

using lupe::Date;
using lupe::DateParser;

TEST_CASE("DateParser reads the date forms of news exports", "[article][date]") {
    struct Row {
        const char* text;
        Date date;
    };
    const Row rows[] = {
        {"08. Oktober, 2024", {2024, 10, 8}},
        {"8. Oktober 2024", {2024, 10, 8}},
        {"8. Okt. 2024", {2024, 10, 8}},
        {"08.10.2024", {2024, 10, 8}},
        {"8.10.2024", {2024, 10, 8}},
        {"2024-10-08", {2024, 10, 8}},
        {"2024-10-08T12:00:00Z", {2024, 10, 8}},
        {"2024-10-08T23:59:59+02:00", {2024, 10, 8}},
        {"2024-10-08T12:30", {2024, 10, 8}},
        {"2024-10-08 12:30:00", {2024, 10, 8}},
        {"1. März 2023", {2023, 3, 1}},
        {"31. Dezember, 2022", {2022, 12, 31}},
        {"29.02.2024", {2024, 2, 29}},
        {"  08.10.2024  ", {2024, 10, 8}},
        {"\t8. Oktober 2024", {2024, 10, 8}},
    };
    const DateParser parser;
    for (const auto& row : rows) {
        INFO("text: '" << row.text << "'");
        const auto date = parser.parse(row.text);
        REQUIRE(date);
        CHECK(*date == row.date);
    }
}

TEST_CASE("DateParser knows all twelve German month names", "[article][date]") {
    const char* months[] = {"Januar", "Februar", "März",      "April",   "Mai",      "Juni",
                            "Juli",   "August",  "September", "Oktober", "November", "Dezember"};
    const DateParser parser;
    for (int m = 1; m <= 12; ++m) {
        for (const char* pattern : {"15. MONTH 2023", "15. MONTH, 2023"}) {
            std::string text = pattern;
            text.replace(text.find("MONTH"), 5, months[m - 1]);
            INFO(text);
            const auto date = parser.parse(text);
            REQUIRE(date);
            CHECK(*date == Date{2023, m, 15});
        }
    }
}

TEST_CASE("DateParser rejects impossible and incomplete dates", "[article][date]") {
    const char* rows[] = {
        "31.02.2024", "29.02.2023", "2024-13-01", "2024-00-10", "32. Oktober 2024",
        "0. Oktober 2024", "Oktober 2024", "gestern", "", "   ", "08.10.24", "1799-12-31",
        "2201-01-01", "8. Oktober, 2024 extra", "8. Oktobär 2024", "2024/10/08",
        "2024-10-08T", "2024-10-08Tgarbage", "2024-10-08 und später", "2024-10-08 12",
    };
    const DateParser parser;
    for (const char* text : rows) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(parser.parse(text));
    }
}

TEST_CASE("DateParser tells date-like lines from topics and headlines", "[article][date]") {
    struct Row {
        const char* text;
        bool date_like;
    };
    const Row rows[] = {
        {"08. Oktober, 2024", true}, {"31.02.2024", true}, {"2024-13-01", true},
        {"Technologie", false}, {"Oktober 2024", false}, {"", false},
        {"Nach US-Sanktionen: ByteDance setzt auf Huawei", false},
    };
    for (const auto& row : rows) {
        INFO(row.text);
        CHECK(DateParser::looks_like_date(row.text) == row.date_like);
    }
}

TEST_CASE("Date formats ISO, compact and month keys", "[article][date]") {
    const Date date{2024, 3, 8};
    CHECK(date.iso() == "2024-03-08");
    CHECK(date.compact() == "20240308");
    CHECK(date.month_key() == "2024-03");
    CHECK(Date::from_compact("20240308") == date);
    CHECK_FALSE(Date::from_compact("2024038"));
    CHECK_FALSE(Date::from_compact("2024-3-8"));
}
