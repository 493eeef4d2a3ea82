package minutes

import "testing"

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1,350 mio. kr.", 1350000, true},
		{"1,35 mio. kr.", 1350000, true},
		{"1.350.000 kr.", 1350000, true},
		{"300.000 kr.", 300000, true},
		{"300.000 kr", 300000, true},
		{"kr. 8.310.111", 8310111, true},
		{"kr 4.130.773", 4130773, true},
		{"20 mio. kr.", 20000000, true},
		{"20 mio kr", 20000000, true},
		{"40 mio.", 40000000, true},
		{"542.000 kr.", 542000, true},
		{"0,5 mio.", 500000, true},
		{"0,5 mio. kr.", 500000, true},
		{"1.5 mio. kr.", 1500000, true},
		{"500 t.kr.", 500000, true},
		{"500 t. kr.", 500000, true},
		{"500 tkr.", 500000, true},
		{"250 tusind kr.", 250000, true},
		{"2 mia. kr.", 2000000000, true},
		{"2,5 milliarder kroner", 2500000000, true},
		{"3 millioner kroner", 3000000, true},
		{"250.000", 250000, true},
		{"3.525.000", 3525000, true},
		{"0", 0, true},
		{"500,- kr.", 500, true},
		{"1.000,00 kr.", 1000, true},
		{"1 350 000 kr.", 1350000, true},
		{"250.000 DKK", 250000, true},
		{"  300.000 kr., ", 300000, true},
		// invalid
		{"", 0, false},
		{"kr.", 0, false},
		{"mio. kr.", 0, false},
		{"1.35.000 kr.", 0, false},
		{"1.3500 kr.", 0, false},
		{"abc", 0, false},
		{"-325.000", 0, false},
		{"12,5 kr.", 0, false},
		{"1,2,3 mio.", 0, false},
		{"99999999999999999999 kr.", 0, false},
		{"2000000 mia. kr.", 0, false},
		{"300.000 kr. og 400.000 kr.", 0, false},
		{"23/1493", 0, false},
		{"19-06-2024", 0, false},
		{"kl. 14.05", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseAmount(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseAmount(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFindAmounts(t *testing.T) {
	tests := []struct {
		in   string
		want []int64
	}{
		{"Der afsættes 300.000 kr. af klyngemidlerne.", []int64{300000}},
		{"anvendelse af 1,350 mio. kr. af klyngemidlerne", []int64{1350000}},
		{"400.000 kr. pr. sygeplejeklinik og samt 150.000 kr. i Aabenraa", []int64{400000, 150000}},
		{"i alt kr. 8.310.111 (2022: kr. 4.130.773; 2023: kr. 4.179.338)", []int64{8310111, 4130773, 4179338}},
		{"afsat 40 mio. kr. (samlet set 80 mio. kr.) årligt i 2022", []int64{40000000, 80000000}},
		{"en pulje på 20 mio. kr.", []int64{20000000}},
		{"Puljen udgør kr. 3.966.591.", []int64{3966591}},
		{"bevilget kr. 3.966.591. Resten afsættes til 1.350.000 kr.", []int64{3966591, 1350000}},
		{"møde den 19-06-2024 kl. 14.05 sag 23/1493, 2 år", nil},
	}
	for _, tt := range tests {
		got := findAmounts(tt.in)
		if len(got) != len(tt.want) {
			t.Errorf("findAmounts(%q) = %v; want %v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i].dkk != tt.want[i] {
				t.Errorf("findAmounts(%q)[%d] = %d; want %d", tt.in, i, got[i].dkk, tt.want[i])
			}
		}
	}
}
