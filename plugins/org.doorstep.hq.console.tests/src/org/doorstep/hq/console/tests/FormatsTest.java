package org.doorstep.hq.console.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

import org.doorstep.hq.admin.AdminException;
import org.doorstep.hq.admin.DeviceState;
import org.doorstep.hq.console.internal.model.Formats;
import org.doorstep.hq.console.internal.model.Problems;
import org.junit.jupiter.api.Test;

/** Times, ages, sizes, states and problems as the console writes them, in both languages. */
class FormatsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void agesUseTheTwoLargestUnitsThatMatter() throws Exception {
        Formats zh = new Formats(TestMessages.chinese(), Locale.SIMPLIFIED_CHINESE, SHANGHAI);
        Formats en = new Formats(TestMessages.english(), Locale.ENGLISH, SHANGHAI);
        assertEquals("42 秒", zh.age(Duration.ofSeconds(42)));
        assertEquals("5 分钟", zh.age(Duration.ofSeconds(5 * 60 + 59)));
        assertEquals("3 小时 12 分钟", zh.age(Duration.ofMinutes(3 * 60 + 12)));
        assertEquals("2 天 4 小时", zh.age(Duration.ofHours(52)));
        assertEquals("0 秒", zh.age(Duration.ofSeconds(-5)), "a clock running ahead shows no negative age");
        assertEquals("42 s", en.age(Duration.ofSeconds(42)));
        assertEquals("3 h 12 min", en.age(Duration.ofMinutes(192)));
        assertEquals("—", en.age(Optional.empty()));
    }

    @Test
    void timesAreInTheAdministratorsZoneWithTheirAge() throws Exception {
        Formats zh = new Formats(TestMessages.chinese(), Locale.SIMPLIFIED_CHINESE, SHANGHAI);
        Instant at = Instant.parse("2026-12-06T02:03:04Z");
        assertEquals("2026-12-06 10:03:04", zh.time(at));
        assertEquals("2026-12-06 10:03:04（5 分钟前）", zh.timeAndAge(Optional.of(at), at.plusSeconds(300)));
        assertEquals("从未", zh.timeAndAge(Optional.empty(), at));
    }

    @Test
    void sizesArePowersOf1024WithOneDecimal() throws Exception {
        Formats en = new Formats(TestMessages.english(), Locale.ENGLISH, SHANGHAI);
        assertEquals("0 B", en.bytes(0));
        assertEquals("1,023 B", en.bytes(1023), "counts are grouped as everywhere in the console");
        assertEquals("1.0 KB", en.bytes(1024));
        assertEquals("920.5 KB", en.bytes(942_555));
        assertEquals("1.5 MB", en.bytes(3L << 19));
        assertEquals("2.0 GB", en.bytes(2L << 30));
    }

    @Test
    void statesAndRefusalsAreWords() throws Exception {
        Formats zh = new Formats(TestMessages.chinese(), Locale.SIMPLIFIED_CHINESE, SHANGHAI);
        assertEquals("等待远程擦除", zh.state(DeviceState.WIPE_PENDING));
        assertEquals("数据被篡改或损坏（TAMPERED）", zh.rejectReason("TAMPERED"));
        assertEquals("SOMETHING_NEW", zh.rejectReason("SOMETHING_NEW"), "an unknown code is shown as it is");
        assertEquals("材料容缺待补", zh.flag("material-pending"));
        AdminException waiting = new AdminException(AdminException.Kind.SIGN_IN, "too many failed attempts",
                Instant.parse("2026-12-06T02:03:04Z"));
        assertEquals("失败次数过多，请在 10:03:04 之后再试。", Problems.headline(waiting, TestMessages.chinese(), zh));
        assertEquals("", Problems.detail(waiting, TestMessages.chinese(), zh), "the headline says it all");
        AdminException conflict = new AdminException(AdminException.Kind.CONFLICT, "fleet-01 is revoked already");
        assertEquals("当前状态下无法执行此操作。", Problems.headline(conflict, TestMessages.chinese(), zh));
        assertEquals("总部服务说明：fleet-01 is revoked already", Problems.detail(conflict, TestMessages.chinese(), zh));
    }
}
