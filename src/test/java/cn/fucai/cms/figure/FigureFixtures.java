package cn.fucai.cms.figure;

import java.util.LinkedHashMap;
import java.util.Map;

/** Request bodies for figure tests: a Wenzhou welfare-lottery figure of 2019, sourced by URL. */
public final class FigureFixtures {

    private FigureFixtures() {}

    public static Map<String, Object> sales(String publisher, String region, String value, String unit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("publisher", publisher);
        body.put("regionCode", region);
        body.put("period", period("2019-01-01", "2019-12-31", "YEAR"));
        body.put("lotteryType", "welfare");
        body.put("amount", amount(value, unit));
        body.put("qualifier", "exact");
        body.put("source", Map.of("url", "https://www.example.org/wenzhou/2019", "quote", "温州市福利彩票今年销量再破20亿"));
        return body;
    }

    public static Map<String, Object> fund(String publisher, String region, String flow, String value, String unit) {
        Map<String, Object> body = sales(publisher, region, value, unit);
        Map<String, Object> fund = new LinkedHashMap<>();
        fund.put("flow", flow);
        body.put("fund", fund);
        return body;
    }

    public static Map<String, Object> period(String start, String end, String granularity) {
        Map<String, Object> period = new LinkedHashMap<>();
        period.put("start", start);
        period.put("end", end);
        period.put("granularity", granularity);
        return period;
    }

    public static Map<String, Object> amount(String value, String unit) {
        Map<String, Object> amount = new LinkedHashMap<>();
        amount.put("value", value);
        amount.put("unit", unit);
        return amount;
    }
}
