import { describe, expect, it } from 'vitest';
import { backlogSentence, laggingSentence, sentenceUnitName, sentenceWhole } from './sentence.ts';

describe('the names and sentences of a provincial conclusion', () => {
  it('names units as officials write them', () => {
    expect(sentenceUnitName({ level: 'district', type: 'Thành phố', shortName: 'Lai Châu' })).toBe(
      'TP Lai Châu',
    );
    expect(sentenceUnitName({ level: 'district', type: 'Thị xã', shortName: 'Mường Lay' })).toBe(
      'TX Mường Lay',
    );
    expect(sentenceUnitName({ level: 'district', type: 'Huyện', shortName: 'Tam Đường' })).toBe('Tam Đường');
    expect(sentenceUnitName({ level: 'commune', type: 'Thị trấn', shortName: 'Tam Đường' })).toBe(
      'thị trấn Tam Đường',
    );
    expect(sentenceWhole({ level: 'province', type: 'Tỉnh', shortName: 'Lai Châu' })).toBe('toàn tỉnh');
    expect(sentenceWhole({ level: 'province', type: 'Thành phố', shortName: 'Hà Nội' })).toBe(
      'toàn thành phố',
    );
    expect(sentenceWhole({ level: 'district', type: 'Huyện', shortName: 'Sìn Hồ' })).toBe('toàn huyện');
    expect(sentenceWhole({ level: 'commune', type: 'Xã', shortName: 'San Thàng' })).toBe('toàn xã');
  });

  it('names the units below the target in descending order, with the people missing', () => {
    expect(
      laggingSentence({
        group: '18+',
        dose: 4,
        whole: 'toàn tỉnh',
        rate: 0.841,
        target: 0.9,
        lagging: [
          { unitName: 'Phong Thổ', rate: 0.752, shortfall: 7447 },
          { unitName: 'Tam Đường', rate: 0.815 },
          { unitName: 'Sìn Hồ', rate: 0.755 },
        ],
      }),
    ).toBe(
      'Tỷ lệ người từ 18 tuổi trở lên được tiêm mũi 4 toàn tỉnh đạt 84,1%; chưa đạt chỉ tiêu 90,0%: ' +
        'Tam Đường 81,5%, Sìn Hồ 75,5%, Phong Thổ 75,2% (còn thiếu 7.447 người).',
    );
    expect(
      laggingSentence({ group: '5-11', dose: 2, whole: 'toàn huyện', rate: 0.95, target: 0.9, lagging: [] }),
    ).toBe(
      'Tỷ lệ trẻ từ 5 tuổi đến dưới 12 tuổi được tiêm mũi 2 toàn huyện đạt 95,0%; tất cả các đơn vị đã đạt chỉ tiêu 90,0%.',
    );
  });

  it('writes the data-cleaning counts with dots between thousands', () => {
    expect(backlogSentence({ unsyncedDoses: 27975, personsToVerify: 66975 })).toBe(
      'Còn 27.975 mũi tiêm chưa được cập nhật lên hệ thống, 66.975 đối tượng thông tin không chính xác chưa được xác minh làm sạch.',
    );
  });
});
