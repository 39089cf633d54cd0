"""Which place lies within which: China's administrative divisions from cpca's adcode table."""

from __future__ import annotations

import pytest

from kb.regions import region_stem, regions_holding, within


@pytest.mark.parametrize(
    ("place", "region"),
    [("莆田市", "福建"), ("莆田", "福建省"), ("昌吉州", "新疆"), ("嘉峪关", "甘肃"), ("浦东新区", "上海市"), ("阿坝州", "四川省"), ("开封市", "河南")],
)
def test_a_city_or_county_lies_within_its_province(place, region):
    assert within(place, region)


@pytest.mark.parametrize(
    ("place", "region"),
    [("福建", "莆田"), ("深圳", "上海"), ("开封", "开封"), ("杭州", "江苏"), ("海王星", "福建"), ("莆田", "火星省")],
)
def test_a_region_does_not_lie_within_its_part_itself_or_another_province(place, region):
    assert not within(place, region)


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("江西省", "江西"),
        ("昌吉回族自治州", "昌吉"),
        ("昌吉州", "昌吉"),
        ("新疆维吾尔自治区", "新疆"),
        ("广西壮族自治区", "广西"),
        ("内蒙古自治区", "内蒙古"),
        ("香港特别行政区", "香港"),
        ("锡林郭勒盟", "锡林郭勒"),
        ("城区", "城区"),
    ],
)
def test_names_are_matched_by_their_stems(name, stem):
    assert region_stem(name) == stem


def test_the_regions_holding_a_city_are_its_province():
    assert regions_holding("莆田市") == ["福建"]
    assert regions_holding("福建") == []
    assert regions_holding("海王星") == []


def test_a_name_several_places_share_is_held_by_each_of_their_regions():
    assert {"北京", "辽宁"} <= set(regions_holding("朝阳"))
